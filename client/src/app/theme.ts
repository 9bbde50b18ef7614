import {
  createTheme,
  type ButtonFactory,
  type ExtendComponent,
  type FactoryPayload,
  type MantineThemeComponent,
  type MenuFactory,
  type NavLinkFactory,
  type PasswordInputFactory,
  type RadioFactory,
  type SegmentedControlFactory,
  type TextInputFactory,
} from '@mantine/core';

/**
 * What `Component.extend` does (it returns its input), without importing the component: the theme
 * is loaded by the sign-in page, and `Menu.extend` brought the menu and the floating layer it
 * is built on along with it.
 */
function extend<Payload extends FactoryPayload>(input: ExtendComponent<Payload>): MantineThemeComponent {
  return input as MantineThemeComponent;
}

/** Sizes favour older readers on phones: 16px text, 44px+ touch targets. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Apple Color Emoji", "Segoe UI Emoji", sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Button: extend<ButtonFactory>({ defaultProps: { size: 'md' } }),
    TextInput: extend<TextInputFactory>({ defaultProps: { size: 'md' } }),
    PasswordInput: extend<PasswordInputFactory>({ defaultProps: { size: 'md' } }),
    Radio: extend<RadioFactory>({ defaultProps: { size: 'md' } }),
    SegmentedControl: extend<SegmentedControlFactory>({ styles: { label: { minHeight: 36, display: 'flex', alignItems: 'center' } } }),
    NavLink: extend<NavLinkFactory>({ styles: { root: { minHeight: 48, borderRadius: 8 }, label: { fontSize: 16 } } }),
    Menu: extend<MenuFactory>({ styles: { item: { minHeight: 44, fontSize: 16 } } }),
  },
});
