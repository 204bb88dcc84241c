extension PageTemplates {
    /// Every page's frame: the stylesheet and script (both from `/ui/assets`, never inline), the
    /// bar with who is signed in and the sign-out form, and the page's `main` block.
    ///
    /// Values are written with `{{ }}` only, which escapes HTML; never `{{{ }}}` or `{{& }}`
    /// (``PageTemplatesTests`` checks).
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}Opsline{{/title}} · Opsline</title>
        <link rel="stylesheet" href="{{assets.stylesheet}}">
        <script src="{{assets.script}}" defer></script>
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/ui/">Opsline</a>
        {{#signedIn}}
        <nav class="pages" aria-label="Pages">
        <a href="/ui/">Overview</a>
        <a href="/ui/workflows">Workflows</a>
        <a href="/ui/workload">Workload</a>
        <a href="/ui/reports/breakdown">Reports</a>
        </nav>
        <span class="who">Signed in as <strong data-testid="signed-in-name">{{name}}</strong></span>
        <form class="signout" method="post" action="/ui/logout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Sign out</button>
        </form>
        {{/signedIn}}
        </header>
        <main id="main">
        {{$main}}{{/main}}
        </main>
        </body>
        </html>

        """
}
