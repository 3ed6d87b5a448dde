/// The UI's one stylesheet, served at `/ui/static/app.css`.
enum Stylesheet {
    static let text = """
        :root { --ink: #1d2330; --muted: #5b6477; --line: #d9dde5; --bg: #f6f7f9; --accent: #2456d6; --bad: #b42318; --ok: #137333; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        .top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .5rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
        .top nav { display: flex; flex-wrap: wrap; gap: .75rem; flex: 1; }
        .top nav a { text-decoration: none; color: var(--muted); padding: .25rem 0; }
        .top nav a[aria-current] { color: var(--ink); border-bottom: 2px solid var(--accent); }
        .who { display: flex; gap: .5rem; align-items: center; margin: 0; }
        .role { color: var(--muted); font-size: 12px; }
        main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
        h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
        .narrow { max-width: 420px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 1rem; margin-top: 1rem; }
        .card h2 { margin-top: 0; }
        .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: .75rem; }
        .stat { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
        .stat b { display: block; font-size: 1.3rem; }
        .stat span { color: var(--muted); font-size: 12px; }
        table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #eef0f4; font-weight: 600; font-size: 12px; color: var(--muted); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        form.inline { display: inline; margin: 0; }
        label { display: block; margin: .35rem 0; font-size: 13px; color: var(--muted); }
        input, select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; width: 100%; color: var(--ink); }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: .75rem; }
        .filters label { width: auto; margin: 0; }
        .filters input, .filters select { width: 11rem; }
        .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 0 1rem; }
        button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
        button.quiet { background: #fff; color: var(--accent); }
        button.danger { background: #fff; color: var(--bad); border-color: var(--bad); }
        .notice { background: #e6f4ea; border: 1px solid #b7dfc2; padding: .5rem .75rem; border-radius: 4px; }
        .error { background: #fdecea; border: 1px solid #f3b8b2; padding: .5rem .75rem; border-radius: 4px; color: var(--bad); }
        .secret { font-family: ui-monospace, monospace; background: #fffbe6; border: 1px solid #e8d48a; padding: .5rem; border-radius: 4px; word-break: break-all; }
        .tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: 12px; background: #eef0f4; }
        .tag.bad { background: #fdecea; color: var(--bad); }
        .tag.ok { background: #e6f4ea; color: var(--ok); }
        .hint, .muted { color: var(--muted); font-size: 12px; }
        .pager { display: flex; gap: 1rem; margin: .75rem 0; align-items: center; }
        code, .mono { font-family: ui-monospace, monospace; font-size: 12px; }
        svg.chart { width: 100%; height: auto; }
        svg.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
        svg.chart .bar { fill: var(--accent); }
        svg.chart .bar.bad { fill: var(--bad); }
        details summary { cursor: pointer; color: var(--accent); }
        pre { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid var(--line); padding: .5rem; }
        """
}
