// Noto Sans TC in full, sliced per Unicode range: for the characters people type that the screens themselves never
// print. Regular weight only (bold is drawn from it): the slices' stylesheet is large enough that parsing it
// twice would hold up a tablet.
import '@fontsource/noto-sans-tc/400.css';
