export type { Entry, ParseResult, Scalar } from './entry.js';
export { parseDotenv } from './dotenv.js';
export { parseDockerfile } from './dockerfile.js';
export { parseYaml } from './yaml.js';
export { parseJson } from './json.js';
export { parseProperties } from './properties.js';
export { parseIni } from './ini.js';
