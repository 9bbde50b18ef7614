import { Button, createTheme, Menu, NavLink, PasswordInput, Radio, SegmentedControl, TextInput } from '@mantine/core';

/** Sizes favour older readers on phones: 16px text, 44px+ touch targets. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Apple Color Emoji", "Segoe UI Emoji", sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Button: Button.extend({ defaultProps: { size: 'md' } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'md' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'md' } }),
    Radio: Radio.extend({ defaultProps: { size: 'md' } }),
    SegmentedControl: SegmentedControl.extend({ styles: { label: { minHeight: 36, display: 'flex', alignItems: 'center' } } }),
    NavLink: NavLink.extend({ styles: { root: { minHeight: 48, borderRadius: 8 }, label: { fontSize: 16 } } }),
    Menu: Menu.extend({ styles: { item: { minHeight: 44, fontSize: 16 } } }),
  },
});
