// Every CLI command, registered in the order `cvm --help` lists them.
import type { Command } from 'commander';

export function registerCommands(_program: Command): void {
  // commands are added here as they land (summary, fit, predict, analyze …)
}
