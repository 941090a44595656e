export declare const CHROMIUM: string;
export declare const CHROMIUM_BASE_ARGS: string[];
