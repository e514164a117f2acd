/** UI strings of the studio feature; spread into ja.ts / en.ts so features edit their own file. */
export const studioJa = {};

export const studioEn: typeof studioJa = {};
