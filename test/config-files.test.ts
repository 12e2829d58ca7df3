import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, storedConfig } from '../src/config.ts';
import { Database } from '../src/db/database.ts';
import { sqlExec } from '../src/db/sql.ts';
import { cli } from './cli-run.ts';

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

  it('takes an end equal to the start as the whole day (a 24-hour shift from the start)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-config-'));
    const file = join(dir, 'whole-day.json');
    writeFileSync(file, JSON.stringify({ work_hours: { start: '08:00', end: '08:00' } }));
    expect(loadConfig(file).work_hours).toMatchObject({ start: '08:00', end: '08:00' });
  });

  // 24:00 as a start made a shift that starts at the end of each day: every approval counted for the day before, so
  // 24:00–24:00 Mon–Fri judged Monday noon a rest day and Saturday noon a working one, while 00:00–00:00 did not.
  // No working day at all failed inside the audit's SQL (exit 1) instead of at the setting.
  it('refuses 24:00 as a start and an empty list of working days, naming the setting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-config-'));
    const write = (name: string, work_hours: object) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify({ work_hours }));
      return file;
    };
    expect(() => loadConfig(write('midnight.json', { start: '24:00', end: '08:00' }))).toThrow(
      /work_hours\.start: .*24:00 is only an end/,
    );
    expect(() => loadConfig(write('no-days.json', { start: '08:00', end: '20:00', days: [] }))).toThrow(
      /work_hours\.days: at least one working day/,
    );
  });

  it('exits 2 on a bad work_hours, naming the file and the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-config-'));
    const file = join(dir, 'no-days.json');
    writeFileSync(file, JSON.stringify({ work_hours: { days: [] } }));
    const r = await cli(['check', 'sample-data/ledger.csv', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: the config file is not valid`);
    expect(r.stderr).toContain('work_hours.days: at least one working day');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('names the setting when the settings stored in a database (before the check) hold a start of 24:00', async () => {
    const db = await Database.open(':memory:');
    try {
      const config = JSON.stringify({ work_hours: { start: '24:00', end: '08:00', days: [1] } });
      await sqlExec(db, 'INSERT OR REPLACE INTO program VALUES (1, $config)', { config });
      await expect(storedConfig(db)).rejects.toThrow(
        /the settings stored in the database are not valid:\n {2}work_hours\.start: /,
      );
    } finally {
      db.close();
    }
  });
});
