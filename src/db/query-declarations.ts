// Generated from the headers of queries/*.sql by `npm run queries:types`: do not edit, edit the header and run it.
// test/db/query-declarations.test.ts fails while this file and the headers disagree.

/** Per query file: the params its header declares and the row it returns, as run() validates them. */
export interface QueryDeclarations {
  ab_accounts: {
    params: {
      experiment: string;
      from: string;
      to: string;
      pre_from: string;
      rule: string;
    };
    row: {
      account_id: string;
      variant: string;
      variants: number;
      issued: number;
      issued_all: number;
      redeemed: number;
      active_days: number;
      retained: number;
      issued_pre: number;
      active_pre: boolean;
    };
  };
  ab_changed_rules: {
    params: {
      experiment: string;
      from: string;
      to: string;
    };
    row: {
      rule_id: string;
      arms: number;
      least_paid: number;
      most_paid: number;
    };
  };
  ab_experiments: {
    params: Record<string, never>;
    row: {
      experiment_id: string;
      variants: Array<string>;
      accounts: number;
      rows: number;
      first_day: string;
      last_day: string;
    };
  };
  access_log: {
    params: {
      latest: number;
    };
    row: {
      at: string;
      user_name: string;
      role: string;
      method: string;
      route: string;
      query: string;
      scope: string | null;
      status: number;
      export_file: string | null;
      export_rows: number | null;
    };
  };
  access_log_add: {
    params: {
      logged_at: string;
      user_name: string;
      role: string;
      method: string;
      route: string;
      query: string;
      scope?: string | null;
      status: number;
      export_file?: string | null;
      export_rows?: number | null;
    };
    row: {
      user_name: string;
      route: string;
    };
  };
  access_log_present: {
    params: Record<string, never>;
    row: {
      n: number;
    };
  };
  account_attribute: {
    params: {
      attribute: string;
    };
    row: {
      account_id: string;
      value: string;
    };
  };
  account_attribute_of: {
    params: {
      attribute: string;
      accounts: string;
    };
    row: {
      account_id: string;
      value: string;
    };
  };
  account_counterparts: {
    params: {
      account_id: string;
      from: string;
      to: string;
      top: number;
    };
    row: {
      direction: string;
      kind: string;
      counterparty_id: string;
      points: number;
      n: number;
      share: number;
    };
  };
  account_monthly: {
    params: {
      account_id: string;
    };
    row: {
      month: string;
      points_in: number;
      points_out: number;
      n: number;
    };
  };
  account_rank: {
    params: {
      from: string;
      to: string;
      account_id: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      rank: number;
      issued: number;
      share: number;
      ranked: number;
    };
  };
  account_summary: {
    params: {
      account_id: string;
    };
    row: {
      rows: number;
      first_day: string | null;
      last_day: string | null;
      department: string | null;
      known: boolean;
    };
  };
  attribute_value_sizes: {
    params: {
      attribute: string;
    };
    row: {
      value: string | null;
      n: number;
    };
  };
  attribute_values: {
    params: {
      max_values: number;
    };
    row: {
      attribute: string;
      value: string;
      accounts: number;
    };
  };
  attributes: {
    params: Record<string, never>;
    row: {
      attribute: string;
      accounts: number;
      distinct_values: number;
    };
  };
  audit_account_day: {
    params: Record<string, never>;
    row: {
      account_id: string;
      day: Date;
      issued: number;
      n: number;
    };
  };
  audit_account_day_kept: {
    params: {
      since: string;
      to: string;
    };
    row: {
      account_id: string;
      day: Date;
      issued: number;
      n: number;
    };
  };
  audit_account_rule_day: {
    params: {
      since: string;
      to: string;
      kept: boolean;
    };
    row: {
      account_id: string;
      day: Date;
      rule_id: string;
      issued: number;
      n: number;
    };
  };
  audit_account_series: {
    params: {
      account_id: string;
      since: string;
      to: string;
    };
    row: {
      day: string;
      issued: number;
      rows: number;
    };
  };
  audit_account_spike: {
    params: {
      from: string;
      to: string;
      window_days: number;
      award_min_days: number;
      top_awards: number;
      z: number;
      burst_alpha: number;
      skip_days: string;
      campaigns: string;
      kept: boolean;
    };
    row: {
      account_id: string;
      day: string;
      issued: number;
      department: string;
      top_floor: number;
      award: number;
      repeats: Array<{
        rule_id: string;
        n: number;
        usual: number;
        rate: number;
        daily: number;
        levels: Array<{ n: number; c: number }>;
        cap: number | null;
      }> | null;
      tests: number;
      rules: number;
      history: Array<number>;
      since: number;
      peer_median: number;
      peer_mad: number;
      evidence: Array<{ event_id: string; rule_id: string | null; points: number; at: number }>;
    };
  };
  audit_amount_rows: {
    params: {
      from: string;
      to: string;
      field: string;
      approver_id: string;
    };
    row: {
      event_id: string;
      account_id: string;
      amount: number;
    };
  };
  audit_amounts: {
    params: {
      from: string;
      to: string;
    };
    row: {
      field: string;
      approver_id: string | null;
      amount: number;
      n: number;
    };
  };
  audit_burst_redeem: {
    params: {
      from: string;
      to: string;
      dormant_days: number;
      burst_days: number;
      redeem_days: number;
      quantile: number;
      redeem_share: number;
      kept: boolean;
    };
    row: {
      account_id: string;
      burst_day: string;
      idle_days: number;
      burst: number;
      burst_n: number;
      burst_max: number;
      usual_award: number;
      usual_n: number;
      tests: number;
      redeemed: number;
      last_day: string;
      event_ids: Array<string>;
    };
  };
  audit_cap_breach: {
    params: {
      from: string;
      to: string;
      account_cap: number;
      program_cap: number;
    };
    row: {
      kind: string;
      account_id: string | null;
      rule_id: string | null;
      day: string;
      total: number;
      cap: number;
      event_ids: Array<string>;
    };
  };
  audit_cap_near: {
    params: {
      from: string;
      to: string;
      near_band: number;
      min_days: number;
      account_cap: number;
    };
    row: {
      kind: string;
      account_id: string;
      rule_id: string | null;
      days: number;
      cap: number;
      first_day: string;
      last_day: string;
      event_ids: Array<string>;
    };
  };
  audit_concentration: {
    params: {
      from: string;
      to: string;
      share: number;
      min_count: number;
      min_receivers: number;
    };
    row: {
      giver: string;
      role: string;
      test: string;
      receiver: string;
      rule_id: string | null;
      hits: number;
      top_points: number;
      total_points: number;
      movements: number;
      receivers: number | null;
      expected: number;
      peer_n: number | null;
      others_n: number | null;
      spread: number | null;
      tests: number;
      event_ids: Array<string>;
      amounts: Array<number> | null;
      amount_n: Array<number> | null;
    };
  };
  audit_daily_rules: {
    params: {
      since: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      day: string;
      rule_id: string;
      issued: number;
      rows: number;
      experiment: string | null;
    };
  };
  audit_daily_series: {
    params: {
      since: string;
      to: string;
      kept: boolean;
    };
    row: {
      day: string;
      rule_id: string;
      issued: number;
      rows: number;
      experiment: string | null;
    };
  };
  audit_data_version: {
    params: Record<string, never>;
    row: {
      data_version: string;
    };
  };
  audit_near_duplicate: {
    params: {
      from: string;
      to: string;
      window_minutes: number;
      kept: boolean;
    };
    row: {
      account_id: string;
      rule_id: string | null;
      event_type: string;
      points: number;
      first_id: string;
      second_id: string;
      first_at: string;
      seconds: number;
      paces: Array<{ b: number; repeats: number; chances: number }>;
      rule_paces: Array<{ b: number; repeats: number; chances: number }>;
    };
  };
  audit_night_hours: {
    params: {
      from: string;
      to: string;
      start: string;
      end: string;
      kept: boolean;
    };
    row: {
      approver_id: string;
      month: string;
      hours: Array<number>;
    };
  };
  audit_off_hours: {
    params: {
      from: string;
      to: string;
      start: string;
      end: string;
      days: string;
      kept: boolean;
    };
    row: {
      approver_id: string;
      department: string;
      role: string;
      month: string;
      approved: number;
      night: number;
      rest_day: number;
      first_night: string | null;
      last_night: string | null;
      first_rest: string | null;
      last_rest: string | null;
    };
  };
  audit_off_hours_rows: {
    params: {
      approver_id: string;
      from: string;
      to: string;
      start: string;
      end: string;
      days: string;
      class: string;
    };
    row: {
      event_id: string;
    };
  };
  audit_result_exists: {
    params: {
      period_from: string;
      period_to: string;
      settings_hash: string;
      data_version: string;
    };
    row: {
      n: number;
    };
  };
  audit_result_store: {
    params: {
      period_from: string;
      period_to: string;
      settings_hash: string;
      data_version: string;
      result: string;
    };
    row: {
      period_from: string;
      period_to: string;
    };
  };
  audit_result_stored: {
    params: {
      period_from: string;
      period_to: string;
      settings_hash: string;
      data_version: string;
    };
    row: {
      result: string;
    };
  };
  audit_results_present: {
    params: Record<string, never>;
    row: {
      n: number;
    };
  };
  audit_round_numbers: {
    params: {
      from: string;
      to: string;
      unit: number;
    };
    row: {
      approver_id: string;
      unit: number;
      manual: number;
      round: number;
      program_manual: number;
      program_round: number;
      first_day: string;
      last_day: string;
      accounts: Array<string>;
      event_ids: Array<string>;
      rounds: Array<{ pos: number; day: string; account_id: string; event_id: string }>;
    };
  };
  audit_rule_day_rows: {
    params: {
      day: string;
      rule_id: string;
    };
    row: {
      event_id: string;
      account_id: string;
      points: number;
    };
  };
  audit_sample_frame: {
    params: {
      from: string;
      to: string;
      attribute: string;
    };
    row: {
      event_id: string;
      stratum: string;
    };
  };
  audit_sample_rows: {
    params: {
      ids: string;
    };
    row: {
      event_id: string;
      occurred_at: string;
      account_id: string;
      points: number;
      event_type: string;
      rule_id: string | null;
      approver_id: string | null;
      counterparty_id: string | null;
      category: string | null;
      cash_value: number | null;
      reason: string | null;
      department: string | null;
      region: string | null;
    };
  };
  audit_self_approval: {
    params: {
      from: string;
      to: string;
      batch_min_accounts: number;
      batch_minutes: number;
    };
    row: {
      account_id: string;
      rows: number;
      batch_rows: number;
      points: number;
      first_day: string;
      last_day: string;
      event_ids: Array<string>;
    };
  };
  audit_transfer_edges: {
    params: {
      from: string;
      to: string;
    };
    row: {
      giver: string;
      receiver: string;
      transfers: number;
      points: number;
      times: Array<Date>;
      amounts: Array<number>;
      event_ids: Array<string>;
    };
  };
  case_mark_add: {
    params: {
      flag_id: string;
      check_name: string;
      account_id?: string | null;
      flag_from: string;
      flag_to: string;
      status: string;
      note: string;
      user_name: string;
      marked_at: string;
    };
    row: {
      flag_id: string;
      status: string;
    };
  };
  case_marks: {
    params: Record<string, never>;
    row: {
      flag_id: string;
      check_name: string;
      account_id: string | null;
      flag_from: string;
      flag_to: string;
      status: string;
      note: string;
      user_name: string;
      marked_at: string;
    };
  };
  case_marks_present: {
    params: Record<string, never>;
    row: {
      n: number;
    };
  };
  cohort_retention: {
    params: {
      from: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      cohort: Date;
      k: number;
      cohort_size: number;
      active: number;
      share: number;
    };
  };
  daily_issued: {
    params: {
      since: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      day: string;
      issued: number;
    };
  };
  data_range: {
    params: Record<string, never>;
    row: {
      rows: number;
      first_at: string | null;
      last_at: string | null;
    };
  };
  database_totals: {
    params: Record<string, never>;
    row: {
      rows: number;
      accounts: number;
      first: string | null;
      last: string | null;
      issued: number;
      outstanding: number;
      rejects: number;
    };
  };
  distribution: {
    params: {
      from: string;
      to: string;
      max_points: number;
      values?: boolean | null;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      population_kind: string;
      n: number;
      not_on_roster: number;
      zeros: number;
      zero_share: number | null;
      total: number | null;
      mean: number | null;
      gini: number | null;
      n_nonzero: number;
      gini_nonzero: number | null;
      theil: number | null;
      top10_share: number | null;
      lorenz: Array<{ k: number; p: number; l: number }>;
      issued_sorted: Array<number>;
    };
  };
  experiment_ids: {
    params: Record<string, never>;
    row: {
      experiment_id: string;
    };
  };
  expiring_soon: {
    params: {
      at: string;
      expiry_months: number;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      horizon_days: number;
      points: number;
      accounts: number;
    };
  };
  filter_people: {
    params: {
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      id: string;
    };
  };
  flows: {
    params: {
      from: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      rows: number;
      issued: number | null;
      deducted: number | null;
      redeemed: number | null;
      expired: number | null;
      adjusted_in: number | null;
      adjusted_out: number | null;
      transferred: number | null;
      active: number;
      earners: number;
      months: number;
      acquisition_rate: number | null;
      redemption_rate: number | null;
      inflation_ratio: number | null;
    };
  };
  gini_trend: {
    params: {
      from: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      quarter: Date;
      n: number;
      gini: number | null;
      gini_nonzero: number | null;
    };
  };
  group_fairness: {
    params: {
      from: string;
      to: string;
      attribute: string;
      reference?: string | null;
      min_group_size: number;
      low: number;
      high: number;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      value: string | null;
      n: number;
      total: number;
      mean_issued: number;
      sd_issued: number | null;
      gini: number | null;
      theil_group: number | null;
      disparity: number | null;
      small: boolean;
      outside_band: boolean;
      is_reference: boolean;
      theil: number | null;
      theil_between: number | null;
      theil_within: number | null;
      theil_between_share: number | null;
    };
  };
  import_files: {
    params: Record<string, never>;
    row: {
      kind: string;
      sha256: string;
    };
  };
  import_history: {
    params: Record<string, never>;
    row: {
      import_id: number;
      kind: string;
      file_name: string;
      format: string;
      encoding: string;
      imported_at: string;
      rows_read: number;
      accepted: number;
      quarantined: number;
      duplicates: number;
    };
  };
  ledger_row_count: {
    params: Record<string, never>;
    row: {
      rows: number;
    };
  };
  monthly_series: {
    params: {
      from: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      month: Date;
      issued: number;
      redeemed: number;
      expired: number;
      outstanding: number;
    };
  };
  participant_issued: {
    params: {
      from: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      account_id: string;
      issued: number;
      on_roster: boolean;
    };
  };
  participant_retention: {
    params: {
      prev_from: string;
      from: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      active_previous: number;
      active: number;
      retained: number;
      participant_retention_rate: number | null;
    };
  };
  people_ids: {
    params: Record<string, never>;
    row: {
      id: string;
    };
  };
  program_config: {
    params: Record<string, never>;
    row: {
      config: string;
    };
  };
  quarantine_import: {
    params: {
      import_id?: number | null;
    };
    row: {
      import_id: number | null;
      found: number;
      total: number;
    };
  };
  quarantine_rows: {
    params: {
      import_id: number;
      limit: number;
    };
    row: {
      import_id: number;
      file_name: string;
      line: number;
      reasons: Array<string>;
      raw: string;
    };
  };
  rank_concentration: {
    params: {
      from: string;
      to: string;
      prev_from?: string | null;
      prev_to?: string | null;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      population: number;
      earners: number;
      issued: number;
      top10_share: number | null;
      top1pct_n: number;
      top1pct_share: number | null;
      top10_accounts: number;
      top10_overlap_previous: number | null;
    };
  };
  rank_period: {
    params: {
      from: string;
      to: string;
      prev_from?: string | null;
      prev_to?: string | null;
      attribute?: string | null;
      top: number;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      rank: number;
      account_id: string;
      group_value: string | null;
      issued: number;
      share: number | null;
      group_share: number | null;
      previous_issued: number | null;
      previous_rank: number | null;
    };
  };
  redemption_budget: {
    params: {
      point_value: number;
    };
    row: {
      line: string;
      category: string | null;
      rule: string | null;
      date_from: Date;
      date_to: Date;
      amount: number;
      redemptions: number;
      spent: number;
      remaining: number;
      used_share: number | null;
      over: boolean;
    };
  };
  redemption_categories: {
    params: {
      from: string;
      to: string;
      point_value: number;
    };
    row: {
      category: string | null;
      redemptions: number;
      points: number;
      accounts: number;
      cost: number;
      cost_share: number;
    };
  };
  redemption_items: {
    params: {
      from: string;
      to: string;
      point_value: number;
    };
    row: {
      item_id: string | null;
      name: string | null;
      category: string | null;
      in_catalog: boolean;
      catalog_points: number | null;
      catalog_cash_value: number | null;
      redemptions: number;
      points: number;
      accounts: number;
      cost: number;
    };
  };
  redemption_monthly: {
    params: {
      from: string;
      to: string;
      point_value: number;
    };
    row: {
      month: Date;
      redemptions: number;
      redeemed: number;
      cost: number;
      outstanding_start: number | null;
      share_of_outstanding: number | null;
    };
  };
  redemption_totals: {
    params: {
      from: string;
      to: string;
      point_value: number;
    };
    row: {
      rows: number;
      redemptions: number;
      points: number | null;
      accounts: number;
      cost: number | null;
      valued_by_cash: number;
      active: number;
      cost_per_active: number | null;
      cost_per_redemption: number | null;
    };
  };
  roi: {
    params: {
      from: string;
      to: string;
      point_value: number;
      benefit?: number | null;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      redemptions: number;
      valued_by_cash: number;
      cost: number | null;
      benefit: number | null;
      roi: number | null;
    };
  };
  rule_usage: {
    params: {
      from: string;
      to: string;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      rule_id: string;
      name: string | null;
      tier: string | null;
      in_catalog: boolean;
      rows: number;
      accounts: number;
      points: number;
      used: boolean;
    };
  };
  scope_size: {
    params: {
      scope_attribute: string;
      scope_value: string;
    };
    row: {
      accounts: number;
    };
  };
  simulate_accounts: {
    params: {
      from: string;
      to: string;
      rule: string;
      cap: number;
      multiplier: number;
    };
    row: {
      account_id: string;
      actual: number;
      simulated: number;
      rows_changed: number;
      in_population: boolean;
      on_roster: boolean;
    };
  };
  simulate_rules: {
    params: Record<string, never>;
    row: {
      rule_id: string;
      name: string | null;
      earn_rows: number;
    };
  };
  stocks: {
    params: {
      from: string;
      to: string;
      point_value: number;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      outstanding_start: number | null;
      outstanding: number | null;
      liability: number | null;
      points_retention_rate: number | null;
      issued_lifetime: number | null;
      redeemed_lifetime: number | null;
      expired_lifetime: number | null;
      redemption_rate_lifetime: number | null;
      breakage: number | null;
    };
  };
  tier_mix: {
    params: {
      from: string;
      to: string;
      target_base: number;
      target_challenge: number;
      target_reward: number;
      scope_attribute?: string | null;
      scope_value?: string | null;
    };
    row: {
      tier: string;
      issued: number;
      share: number | null;
      target: number | null;
    };
  };
}
