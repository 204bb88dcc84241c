extension PageTemplates {
    /// An error page: 403 (a form without its CSRF token, a page not yours), 404, 500.
    static let error = """
        {{<layout}}
        {{$title}}{{heading}}{{/title}}
        {{$main}}
        <section class="problem">
        <h1 data-testid="error-heading">{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="/ui/">Back to the overview</a></p>
        </section>
        {{/main}}
        {{/layout}}

        """
}
