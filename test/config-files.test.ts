import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  // The YAML parser is loaded only when a YAML file is read: this is the path that loads it.
  it('reads a YAML file as the same settings as its JSON twin, and names a YAML syntax error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-config-'));
    writeFileSync(join(dir, 'program.yaml'), 'timezone: UTC\npoint_value: 0.02\nexpiry_months: 18\n');
    writeFileSync(join(dir, 'program.json'), JSON.stringify({ timezone: 'UTC', point_value: 0.02, expiry_months: 18 }));
    const fromYaml = loadConfig(join(dir, 'program.yaml'));
    expect(fromYaml).toEqual(loadConfig(join(dir, 'program.json')));
    expect(fromYaml.point_value).toBe(0.02);
    writeFileSync(join(dir, 'bad.yml'), 'timezone: [UTC\n');
    expect(() => loadConfig(join(dir, 'bad.yml'))).toThrow(/cannot read the config file/);
  });
});

describe('work_hours', () => {
  it('refuses a time that is not a time of day (25:00, 08:75), naming the setting; takes 24:00 and a night shift', () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-config-'));
    const write = (start: string, end: string) => {
      const file = join(dir, `${start}-${end}.json`.replaceAll(':', ''));
      writeFileSync(file, JSON.stringify({ work_hours: { start, end } }));
      return file;
    };
    expect(() => loadConfig(write('25:00', '06:00'))).toThrow(/work_hours/);
    expect(() => loadConfig(write('08:00', '08:75'))).toThrow(/work_hours/);
    expect(loadConfig(write('20:00', '06:00')).work_hours).toMatchObject({ start: '20:00', end: '06:00' });
    expect(loadConfig(write('00:00', '24:00')).work_hours).toMatchObject({ start: '00:00', end: '24:00' });
  });
});
