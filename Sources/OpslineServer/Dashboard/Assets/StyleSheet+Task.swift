extension DashboardAssets {
    /// The task page's rules (`/ui/tasks/{id}`).
    static let taskStyles = """
        .upload { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-top: .6rem; }
        .upload [hidden] { display: none; }
        .crumbs { color: var(--muted); margin-bottom: .4rem; overflow-wrap: anywhere; }
        .task-title { overflow-wrap: anywhere; }
        .task-title .task-id { color: var(--muted); font-weight: 600; margin-right: .3rem; }
        .task-state { margin-top: -.4rem; }
        .task-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 1rem; }
        .task-summary dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
        .task-summary dt { font-weight: 600; color: var(--muted); }
        .task-summary dd { margin: 0; overflow-wrap: anywhere; }
        .task-actions form, .task-comments form { border-top: 1px solid var(--line); padding-top: .6rem; margin-top: .6rem; }
        .task-actions form:first-of-type { border-top: none; margin-top: 0; padding-top: 0; }
        .task-actions .field, .task-comments .field { display: grid; gap: .2rem; margin: .4rem 0; }
        .task-actions label, .task-comments label { font-weight: 600; }
        .task-actions .fire, .task-comments .fire { display: flex; align-items: center; gap: .6rem; margin: .4rem 0 0; }
        .task-actions .fire button, .task-comments .fire button { margin-top: 0; }
        .task-actions .target { color: var(--muted); overflow-wrap: anywhere; }
        .task-actions select, .task-actions textarea, .task-actions input:not([type=hidden]), .task-comments textarea {
          font: inherit; padding: .4rem .55rem; border: 1px solid var(--line); border-radius: 4px; width: 100%;
        }
        .field.invalid select, .field.invalid textarea, .field.invalid input { border: 2px solid var(--bad); }
        .field-error { color: var(--bad); margin: 0; font-weight: 600; }
        .field-error::before { content: "⚠ "; }
        .task-summary form.assign { display: inline; margin-left: .5rem; }
        .task-summary form.assign button { margin-top: 0; padding: .15rem .6rem; }
        .hint { color: var(--muted); }
        .none { color: var(--muted); font-style: italic; }
        .task-fields table, .task-sla table, .task-history table { width: 100%; }
        .task-sla .clock-state.breached { color: var(--bad); font-weight: 700; }
        .task-history .changes { margin: 0; padding-left: 1rem; }
        .task-history .event-type { font-family: ui-monospace, monospace; }
        .comments { padding-left: 1.2rem; }
        .comment-meta { color: var(--muted); margin: 0; }
        .comment-text { margin: .1rem 0 .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }

        """
}
