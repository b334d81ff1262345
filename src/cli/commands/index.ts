// The commands of the tool, in the order `patronage --help` lists them.

import { cohorts } from './cohorts';
import type { Command } from './command';
import { demo } from './demo';
import { fit } from './fit';
import { predict } from './predict';
import { report } from './report';
import { retention } from './retention';
import { summary } from './summary';

export const COMMANDS: readonly Command[] = [summary, cohorts, retention, fit, predict, report, demo];
