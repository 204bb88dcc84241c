extension PageTemplates {
    /// `/ui/workload`: the workload report per team and person, with a team filter (a GET form,
    /// so the address says what is shown and a live re-fetch shows the same).
    static let workload = """
        {{<layout}}
        {{$title}}Workload{{/title}}
        {{$main}}
        <div data-live data-live-after="{{liveAfter}}"></div>
        <h1>Workload</h1>
        <form class="filter" method="get" action="/ui/workload">
        <label for="team">Team</label>
        <select id="team" name="team">
        <option value="">Every team you see</option>
        {{#teamOptions}}
        <option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}{{#title}} — {{title}}{{/title}}</option>
        {{/teamOptions}}
        </select>
        <button type="submit">Show</button>
        </form>
        <div id="workload-report" data-live-region>
        {{#hasTeams}}
        {{#teams}}
        <section class="workload" aria-labelledby="{{id}}">
        <h2 id="{{id}}">{{team}}</h2>
        <div class="scroll">
        <table data-testid="workload" data-team="{{team}}">
        <caption>Open tasks per person (at risk: an SLA clock due within {{window}}), and the last 7 days</caption>
        <thead><tr><th scope="col">Person</th><th scope="col">Open</th><th scope="col">At risk</th>
        <th scope="col">Breached</th><th scope="col">Oldest open since</th><th scope="col">Assigned, 7 days</th>
        <th scope="col">Closed, 7 days</th></tr></thead>
        <tbody>
        {{#people}}
        <tr data-testid="person" data-user="{{user}}">
        <th scope="row">{{user}}</th><td data-column="open">{{open}}</td>
        <td data-column="at-risk">{{atRisk}}{{#hasAtRisk}} <span class="flag at-risk">at risk</span>{{/hasAtRisk}}</td>
        <td data-column="breached">{{breached}}{{#hasBreached}} <span class="flag breached">breached</span>{{/hasBreached}}</td>
        <td>{{#oldest}}<time datetime="{{oldest.iso}}">{{oldest.text}}</time>{{/oldest}}{{^oldest}}—{{/oldest}}</td>
        <td data-column="assigned">{{assigned}}</td><td data-column="closed">{{closed}}</td>
        </tr>
        {{/people}}
        {{^hasPeople}}<tr><td colspan="7">Nobody in this team holds or can take its work.</td></tr>{{/hasPeople}}
        </tbody>
        <tfoot><tr data-testid="unassigned"><th scope="row">Unassigned</th><td data-column="open">{{unassigned}}</td><td colspan="5">open tasks nobody is assigned to</td></tr></tfoot>
        </table>
        </div>
        </section>
        {{/teams}}
        {{/hasTeams}}
        {{^hasTeams}}<p class="none" data-testid="no-workload">No work to show{{#chosen}} for team {{chosen}}{{/chosen}}.</p>{{/hasTeams}}
        </div>
        {{/main}}
        {{/layout}}

        """
}
