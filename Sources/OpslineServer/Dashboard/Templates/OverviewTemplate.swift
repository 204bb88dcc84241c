extension PageTemplates {
    /// `/ui/`: for now who is signed in and their teams; the overview's content (breaches, work
    /// at risk, compliance, bottlenecks, queues) goes in the marked section.
    static let overview = """
        {{<layout}}
        {{$title}}Overview{{/title}}
        {{$main}}
        <h1>Overview</h1>
        <section class="identity" aria-labelledby="identity-heading">
        <h2 id="identity-heading">{{displayName}}</h2>
        <p>Signed in as <strong data-testid="principal-name">{{name}}</strong>{{#kind}} ({{kind}}){{/kind}}.
        Session ends <time datetime="{{expiresAt}}">{{expiresAt}}</time> unless used before.</p>
        {{#isAdmin}}
        <p data-testid="admin-note">An admin: you see every team's work.</p>
        {{/isAdmin}}
        {{#hasTeams}}
        <table class="teams">
        <caption>Your teams</caption>
        <thead><tr><th scope="col">Team</th><th scope="col">Role</th></tr></thead>
        <tbody>
        {{#teams}}
        <tr><td data-testid="team">{{team}}</td><td>{{role}}</td></tr>
        {{/teams}}
        </tbody>
        </table>
        {{/hasTeams}}
        {{^hasTeams}}{{^isAdmin}}
        <p>You are in no team yet: ask an admin or a team's manager to add you.</p>
        {{/isAdmin}}{{/hasTeams}}
        </section>
        <!-- The overview's content (#16 item 2) goes in this section: open breaches, work at risk,
        compliance, bottlenecks, queues. Empty, it is not shown (.overview-content:empty). -->
        <section id="overview-content" class="overview-content" aria-label="Work"></section>
        {{/main}}
        {{/layout}}

        """
}
