/** UI strings of the prediction feature; spread into ja.ts / en.ts so features edit their own file. */
export const predictionJa = {};

export const predictionEn: typeof predictionJa = {};
