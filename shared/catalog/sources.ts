/** The seed documents products cite (city + file); the texts themselves are not read at run time. */
export const SEEDS = {
  xiamen: { city: 'xiamen', seedFile: '000_49b5be6c3e6efe59.txt' },
  jiaxing: { city: 'jiaxing', seedFile: '001_e0f0abb7661f9e9b.txt' },
  chongqing: { city: 'chongqing', seedFile: '002_c5f9ca10f9e33068.txt' },
  hangzhou: { city: 'hangzhou', seedFile: '003_b2bb0396e6eed1d0.txt' },
  jiangmen: { city: 'jiangmen', seedFile: '004_fc76d77e321d683c.txt' },
} as const;

/** GB/T 2260 prefixes of the seed cities. */
export const REGION = {
  xiamen: '3502',
  jiaxing: '3304',
  chongqing: '50',
  hangzhou: '3301',
  jiangmen: '4407',
} as const;
