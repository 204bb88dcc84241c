extension DashboardAssets {
    /// The one stylesheet: the base rules, then each page's own (in `StyleSheet+<Page>.swift`).
    static let styleSheet = [baseStyles, overviewStyles, workloadStyles, reportStyles, queueStyles, taskStyles].joined(
        separator: "\n")

    /// The frame every page shares. A system font stack that holds Chinese as well as Latin text.
    static let baseStyles = """
        :root {
          --ink: #1d232b; --muted: #5b6675; --line: #d5dbe3; --paper: #ffffff; --wash: #f4f6f9;
          --accent: #1f5fbf; --bad: #a4161a; --bad-wash: #fdecec;
        }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body {
          margin: 0; color: var(--ink); background: var(--wash); line-height: 1.5;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
            "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", sans-serif;
        }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus { outline: 3px solid #8db4f0; outline-offset: 1px; }
        .bar {
          display: flex; align-items: center; gap: 1rem; padding: .6rem 1.2rem;
          background: var(--ink); color: #fff;
        }
        .bar .brand { color: #fff; font-weight: 700; text-decoration: none; }
        .bar .pages { display: flex; gap: .9rem; margin-right: auto; }
        .bar .pages a { color: #fff; }
        .bar .who { overflow-wrap: anywhere; }
        .bar form { margin: 0; }
        .bar button { background: transparent; color: #fff; border: 1px solid #fff; margin-top: 0; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.2rem; }
        h1 { font-size: 1.6rem; margin: .4rem 0 1rem; }
        h2 { font-size: 1.2rem; }
        section { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem;
          margin-bottom: 1rem; overflow-wrap: anywhere; }
        .signin { max-width: 26rem; margin: 3rem auto; }
        .signin form { display: grid; gap: .4rem; }
        .signin label { font-weight: 600; margin-top: .4rem; }
        .signin .or { color: var(--muted); margin: .8rem 0 0; }
        input[type=text], input[type=password] {
          font: inherit; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 4px; width: 100%;
        }
        button {
          font: inherit; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--accent);
          background: var(--accent); color: #fff; cursor: pointer; justify-self: start; margin-top: .6rem;
        }
        .error {
          color: var(--bad); background: var(--bad-wash); border-left: 4px solid var(--bad); padding: .5rem .8rem;
        }
        .error::before { content: "⚠ "; }
        table { border-collapse: collapse; min-width: 20rem; }
        caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
        th, td { text-align: left; padding: .35rem .8rem .35rem 0; border-bottom: 1px solid var(--line); }
        .overview-content:empty { display: none; }

        """
}
