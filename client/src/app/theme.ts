import {
  createTheme,
  DEFAULT_THEME,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type TabsFactory,
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

/**
 * Mantine's orange and yellow, their two darkest shades darker still: as text (a badge's, a
 * warning's) on white or on their own light shade, Mantine's are below the 4.5:1 contrast WCAG asks
 * of normal text.
 */
function darkerAtTheEnd(colors: MantineColorsTuple, shade8: string, shade9: string): MantineColorsTuple {
  return [...colors.slice(0, 8), shade8, shade9] as unknown as MantineColorsTuple;
}

/**
 * Sizes favour older readers on phones: 16px text, 44px+ touch targets. Colours read at 4.5:1 at
 * least (WCAG AA): filled and text colours use the darkest shade, light backgrounds the lightest.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  colors: {
    orange: darkerAtTheEnd(DEFAULT_THEME.colors.orange, '#c2410c', '#9a3412'),
    yellow: darkerAtTheEnd(DEFAULT_THEME.colors.yellow, '#a16207', '#854d0e'),
  },
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
    Tabs: extend<TabsFactory>({ styles: { tab: { minHeight: 44 } } }),
  },
});

/**
 * Dimmed text one shade darker than Mantine's (gray 6 is 3.3:1 on white), and light backgrounds
 * (badges, light buttons, selected items) on the lightest shade, under their darkest text.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      Object.keys(resolved.colors).flatMap((color) => [
        [`--mantine-color-${color}-light`, `var(--mantine-color-${color}-0)`],
        [`--mantine-color-${color}-light-hover`, `var(--mantine-color-${color}-1)`],
      ]),
    ),
  },
  dark: {},
});
