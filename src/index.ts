/** The bundle entry of the Action (dist/index.js). */
import { main } from './action.js';

await main();
