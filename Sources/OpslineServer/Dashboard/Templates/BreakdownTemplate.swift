extension PageTemplates {
    /// `/ui/reports/breakdown`: the report form (GET: the address is the view), then the groups as a
    /// table and, by two dimensions, a heat map whose cells link to their tasks.
    static let breakdown = """
        {{<layout}}
        {{$title}}Breakdown report{{/title}}
        {{$main}}
        <h1>Breakdown report</h1>
        <form class="filter breakdown-form" method="get" action="/ui/reports/breakdown" data-testid="breakdown-form">
        <label for="b-workflow">Workflow</label>
        <select id="b-workflow" name="workflow">
        <option value="">Choose a workflow</option>
        {{#workflows}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{title}} ({{name}})</option>{{/workflows}}
        </select>
        <label for="b-by">Group by</label>
        <input id="b-by" name="by" type="text" value="{{by}}" placeholder="likelihood,impact" autocomplete="off">
        <label for="b-measure">Measure</label>
        <input id="b-measure" name="measure" type="text" value="{{measure}}" placeholder="score" autocomplete="off">
        <label for="b-team">Team</label>
        <input id="b-team" name="team" type="text" value="{{team}}" autocomplete="off">
        <button type="submit">Show</button>
        </form>
        {{#hints}}
        <p class="hint" data-testid="breakdown-hints">Group by one to three of: {{dimensions}}. Measures (int and decimal fields): {{measures}}.</p>
        {{/hints}}
        {{#report}}
        <section aria-labelledby="report-heading">
        <h2 id="report-heading">{{workflowTitle}} by {{byText}}</h2>
        {{#grid}}
        <div class="scroll">
        <table class="heatmap" data-testid="heatmap">
        <caption>Tasks by {{rowName}} (rows) and {{columnName}} (columns); a cell opens its tasks</caption>
        <thead><tr><th scope="col">{{rowName}} \\ {{columnName}}</th>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr><th scope="row">{{label}}</th>{{#cells}}<td class="heat-{{heat}}" title="{{label}}">{{#href}}<a href="{{href}}" aria-label="{{label}}">{{count}}</a>{{/href}}{{^href}}{{count}}{{/href}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        </div>
        {{/grid}}
        {{#hasGroups}}
        <div class="scroll">
        <table data-testid="breakdown">
        <caption>One line per group, most tasks first</caption>
        <thead><tr>{{#headers}}<th scope="col">{{.}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#groups}}
        <tr data-testid="group">{{#keys}}<td>{{.}}</td>{{/keys}}<td data-column="tasks">{{#linked}}<a href="{{href}}">{{tasks}}</a>{{/linked}}{{^linked}}{{tasks}}{{/linked}}</td><td data-column="open">{{open}}</td>{{#measures}}<td>{{.}}</td>{{/measures}}</tr>
        {{/groups}}
        </tbody>
        </table>
        </div>
        {{/hasGroups}}
        {{^hasGroups}}<p class="none" data-testid="no-groups">No tasks to count.</p>{{/hasGroups}}
        </section>
        {{/report}}
        {{/main}}
        {{/layout}}

        """
}
