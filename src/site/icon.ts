/** The site's icon (a plus on a teal disc), for pages and for browsers that ask for /favicon.ico. */
export const SITE_ICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><circle cx='16' cy='16' r='16' fill='#006d77'/><path d='M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z' fill='#fff'/></svg>"

/** The same icon inline, so a page needs no request for it. */
export const SITE_ICON_DATA_URL = `data:image/svg+xml,${encodeURIComponent(SITE_ICON_SVG)}`
