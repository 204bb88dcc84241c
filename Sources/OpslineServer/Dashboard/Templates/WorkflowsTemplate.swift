extension PageTemplates {
    /// `/ui/workflows`: every published workflow, its title as the file writes it, with links to
    /// its queue and its page.
    static let workflows = """
        {{<layout}}
        {{$title}}Workflows{{/title}}
        {{$main}}
        <h1>Workflows</h1>
        <section class="workflows" aria-labelledby="workflows-heading">
        <h2 id="workflows-heading" class="visually-hidden">Published workflows</h2>
        {{#hasWorkflows}}
        <div class="table-scroll">
        <table class="workflow-index" data-testid="workflow-index">
        <caption>Published workflows, latest versions</caption>
        <thead><tr><th scope="col">Workflow</th><th scope="col">Name</th><th scope="col">Version</th>
        <th scope="col">Team</th><th scope="col">Published</th><th scope="col">Queue</th></tr></thead>
        <tbody>
        {{#workflows}}
        <tr data-workflow="{{name}}">
        <th scope="row"><a href="{{href}}" data-testid="workflow-link">{{title}}</a></th>
        <td><code>{{name}}</code></td>
        <td>{{version}}</td>
        <td>{{team}}</td>
        <td><time datetime="{{publishedAt}}">{{publishedText}}</time></td>
        <td><a href="{{queueHref}}" data-testid="queue-link">Queue<span class="visually-hidden"> of {{title}}</span></a></td>
        </tr>
        {{/workflows}}
        </tbody>
        </table>
        </div>
        {{/hasWorkflows}}
        {{^hasWorkflows}}<p>No workflow is published yet.</p>{{/hasWorkflows}}
        </section>
        {{/main}}
        {{/layout}}

        """
}
