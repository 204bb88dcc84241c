extension PageTemplates {
    /// `/ui/login`: one form; a user name and password, or a token.
    static let login = """
        {{<layout}}
        {{$title}}Sign in{{/title}}
        {{$main}}
        <section class="signin">
        <h1>Sign in to Opsline</h1>
        {{#error}}
        <p class="error" role="alert" data-testid="signin-error">{{error}}</p>
        {{/error}}
        <form method="post" action="/ui/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <label for="user">User name</label>
        <input id="user" name="user" type="text" autocomplete="username" autocapitalize="none"
          spellcheck="false" value="{{user}}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password">
        <p class="or">or paste a token (a personal token, or the admin token of a new server)</p>
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false">
        <button type="submit">Sign in</button>
        </form>
        </section>
        {{/main}}
        {{/layout}}

        """
}
