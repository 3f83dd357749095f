/**
 * Taiwan's 22 counties and cities (縣市) in the official form (臺, not 台), in the order of their codes; the village
 * register's counties are these (libs/places checks it), so a unit's county can be checked without the register.
 */
export const TAIWAN_COUNTIES = [
  '臺北市', '新北市', '桃園市', '臺中市', '臺南市', '高雄市',
  '基隆市', '新竹市', '嘉義市',
  '新竹縣', '苗栗縣', '彰化縣', '南投縣', '雲林縣', '嘉義縣', '屏東縣', '宜蘭縣', '花蓮縣', '臺東縣', '澎湖縣', '金門縣', '連江縣',
] as const;

/** Central government agencies (中央機關) and local ones (地方機關): the AAC reads its units by either. */
export const AGENCY_LEVELS = ['central', 'local'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/**
 * A place's name in its official form: the register writes 台 in 台中市, 台北市, 台南市 and 台東縣, the official names
 * (and what people in an ethics unit type) use 臺.
 */
export const officialName = (name: string): string => name.replace(/台/g, '臺').trim();
