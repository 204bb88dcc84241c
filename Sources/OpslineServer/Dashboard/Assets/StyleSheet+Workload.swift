extension DashboardAssets {
    /// The workload page (`/ui/workload`): the team filter and one table per team.
    static let workloadStyles = """
        form.filter { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem; margin-bottom: 1rem; }
        form.filter button { margin-top: 0; }
        form.filter select { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px;
          max-width: 100%; }
        table[data-testid=workload] { width: 100%; }
        table[data-testid=workload] tfoot th, table[data-testid=workload] tfoot td { border-bottom: 0; font-weight: 600; }

        """
}
