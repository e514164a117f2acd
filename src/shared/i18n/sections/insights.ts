/** UI strings of the insights feature; spread into ja.ts / en.ts so features edit their own file. */
export const insightsJa = {};

export const insightsEn: typeof insightsJa = {};
