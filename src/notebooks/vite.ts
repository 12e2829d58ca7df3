import { config, observable } from '@observablehq/notebook-kit/vite';
import type { InlineConfig } from 'vite';

/**
 * The Vite setup of `notebooks build` / `notebooks preview` (the kit's own bins), without their CLI, so the
 * project's vite.config.ts (the dashboard's) is never picked up and the output folder is ours to choose.
 */
export function notebookViteConfig(root: string): InlineConfig {
  return { ...config(), configFile: false, plugins: [observable()], root, base: './', logLevel: 'warn' };
}
