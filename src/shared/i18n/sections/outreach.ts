/** UI strings of the outreach feature; spread into ja.ts / en.ts so features edit their own file. */
export const outreachJa = {};

export const outreachEn: typeof outreachJa = {};
