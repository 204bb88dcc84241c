extension DashboardAssets {
    /// The breakdown report (`/ui/reports/breakdown`): the form, and the heat map's cells from
    /// `heat-0` (no task) to `heat-5` (the most), light to dark with text that stays readable.
    static let reportStyles = """
        form.breakdown-form input { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line);
          border-radius: 4px; width: 12rem; max-width: 100%; margin: 0; }
        table.heatmap { border-collapse: separate; border-spacing: 3px; }
        table.heatmap td { text-align: center; min-width: 3rem; padding: .6rem .4rem; border-radius: 3px;
          border-bottom: 0; font-variant-numeric: tabular-nums; }
        table.heatmap td a { color: inherit; font-weight: 600; }
        td.heat-0 { background: #f4f5f7; color: #5e6c84; }
        td.heat-1 { background: #fff4d6; color: #172b4d; }
        td.heat-2 { background: #ffe0a3; color: #172b4d; }
        td.heat-3 { background: #ffb366; color: #172b4d; }
        td.heat-4 { background: #e8662c; color: #ffffff; }
        td.heat-5 { background: #b3261e; color: #ffffff; }

        """
}
