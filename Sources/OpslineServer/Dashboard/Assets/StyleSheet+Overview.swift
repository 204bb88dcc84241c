extension DashboardAssets {
    /// The overview (`/ui/`): a compact identity line, the work's tables, the compliance chart.
    static let overviewStyles = """
        .identity { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem 1.2rem; padding: .6rem 1.2rem; }
        .identity h2 { margin: 0; font-size: 1.05rem; }
        .identity p { margin: 0; color: var(--muted); }
        .identity table.teams { min-width: 0; font-size: .9rem; }
        .identity table.teams caption { display: none; }
        .identity table.teams thead { display: none; }
        .identity table.teams tr { display: inline; }
        .identity table.teams td { display: inline; border: 0; padding: 0 .2rem 0 0; }
        .identity table.teams td + td::before { content: "("; }
        .identity table.teams td + td::after { content: ")"; margin-right: .6rem; }
        .overview-content h2 { margin-top: 0; }
        .count { display: inline-block; min-width: 1.6rem; padding: 0 .45rem; border-radius: 1rem; background: var(--wash);
          border: 1px solid var(--line); font-size: .9rem; text-align: center; }
        .scroll { overflow-x: auto; }
        .overview-content th, .overview-content td { overflow-wrap: normal; }
        .overview-content td .title { overflow-wrap: anywhere; }
        table.clocks { width: 100%; }
        table.clocks .title { overflow-wrap: anywhere; }
        .flag { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; font-weight: 600; }
        .flag.breached { color: var(--bad); background: var(--bad-wash); border: 1px solid var(--bad); }
        .flag.breached::before { content: "⚠ "; }
        .flag.at-risk { color: #7a4b00; background: #fff4de; border: 1px solid #c98a00; }
        .flag.at-risk::before { content: "◷ "; }
        .local { color: var(--muted); white-space: nowrap; }
        .figures { color: var(--muted); font-size: .85rem; }
        .compliance { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
        figure.chart { margin: 0; max-width: 100%; }
        figure.chart svg { max-width: 100%; height: auto; }
        figure.chart figcaption { color: var(--muted); font-size: .85rem; }
        .bottlenecks { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
        .bottlenecks .name { color: var(--muted); font-weight: 400; }
        .none, .more { color: var(--muted); }

        """
}
