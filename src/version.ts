/** The kit's version (package.json; test/unit/network-quality.test.ts keeps them equal). */
export const KIT_VERSION = '0.1.0';
