extension DashboardAssets {
    /// The workflows index, the queues and the workflow pages.
    static let queueStyles = """
        .visually-hidden {
          position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
          clip: rect(0 0 0 0); white-space: nowrap; border: 0;
        }
        .workflow-name { color: var(--muted); font-weight: 400; font-size: 1rem; }
        .page-links { margin-top: -.4rem; }
        .table-scroll { overflow-x: auto; max-width: 100%; }
        .filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; }
        .filters .filter { display: grid; gap: .2rem; min-width: 9rem; }
        .filters .filter-wide { flex: 1 1 16rem; }
        .filters label { font-weight: 600; font-size: .9rem; }
        .filters .hint { color: var(--muted); font-weight: 400; }
        .filters select, .filters input[type=search] {
          font: inherit; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff;
        }
        .filters input[type=search] { width: 100%; }
        .filter-actions { display: flex; gap: 1rem; align-items: center; }
        .filter-actions button { margin-top: 0; }
        table.queue, table.definition, table.workflow-index { width: 100%; }
        .table-scroll table { overflow-wrap: normal; }
        table.queue td, table.queue th { vertical-align: top; }
        table.queue th[scope=row] { white-space: nowrap; }
        table.queue .title { overflow-wrap: anywhere; min-width: 14rem; }
        th[aria-sort] a { text-decoration: none; }
        th[aria-sort=ascending] a, th[aria-sort=descending] a { text-decoration: underline; font-weight: 700; }
        .count { color: var(--muted); font-weight: 400; font-size: 1rem; }
        .none { color: var(--muted); font-style: italic; }
        .sla { white-space: nowrap; font-weight: 600; }
        .sla-breached { color: var(--bad); background: var(--bad-wash); padding: 0 .3rem; border-radius: 3px; }
        .sla-breached::before { content: "⚠ "; }
        .sla-at-risk { color: #8a5300; }
        .sla-at-risk::before { content: "◔ "; }
        .sla-met, .sla-paused { color: var(--muted); }
        .policy { color: var(--muted); font-size: .85rem; }
        .local { display: block; color: var(--muted); font-size: .85rem; }
        .pager { display: flex; gap: 1.2rem; margin-top: .8rem; }
        .diagram { overflow-x: auto; overflow-y: hidden; max-width: 100%; border: 1px solid var(--line);
          border-radius: 4px; background: #fff; padding: .5rem; }
        .diagram svg { display: block; max-width: none; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; overflow-wrap: anywhere; }
        .definition .sub { color: var(--muted); font-weight: 400; font-size: .9rem; }
        .sla-policy { border-top: 1px solid var(--line); padding-top: .6rem; margin-top: .6rem; }
        .sla-policy:first-of-type { border-top: 0; margin-top: 0; padding-top: 0; }
        .notice { background: #fff6dc; border-left: 4px solid #c99a06; padding: .5rem .8rem; }

        """
}
