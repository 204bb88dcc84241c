extension PageTemplates {
    /// `/ui/`: the manager's overview. Who is signed in (compact), then the work: open breaches,
    /// work at risk, compliance (a table and an inline SVG chart drawn from
    /// ``ComplianceChart``'s layout), bottlenecks and unassigned queues. Each part is a live
    /// region the script swaps on a change.
    static let overview = """
        {{<layout}}
        {{$title}}Overview{{/title}}
        {{$main}}
        <div data-live data-live-after="{{liveAfter}}"></div>
        <h1>Overview</h1>
        <section class="identity" aria-labelledby="identity-heading">
        <h2 id="identity-heading">{{displayName}}</h2>
        <p>Signed in as <strong data-testid="principal-name">{{name}}</strong>{{#kind}} ({{kind}}){{/kind}}.
        Session ends <time datetime="{{expiresAt.iso}}">{{expiresAt.text}}</time> unless used before.
        {{#isAdmin}}<span data-testid="admin-note">An admin: you see every team's work.</span>{{/isAdmin}}</p>
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
        <div id="overview-content" class="overview-content">
        <section id="overview-breaches" data-live-region aria-labelledby="breaches-heading">
        <h2 id="breaches-heading">Open breaches <span class="count" data-testid="breach-count">{{breachCount}}</span></h2>
        {{#hasBreaches}}
        <div class="scroll">
        <table class="clocks" data-testid="breaches">
        <caption>Breached SLA clocks not stopped yet, newest breach first</caption>
        <thead><tr><th scope="col">Task</th><th scope="col">Workflow</th><th scope="col">Policy</th>
        <th scope="col">Cycle</th><th scope="col">Team charged</th><th scope="col">Escalated to</th>
        <th scope="col">Breached at</th></tr></thead>
        <tbody>
        {{#breaches}}
        <tr data-testid="breach" data-task="{{task}}" data-policy="{{policy}}" data-cycle="{{cycle}}">
        <td><a href="{{href}}">{{task}}</a> <span class="title">{{title}}</span></td>
        <td>{{workflow}}</td><td>{{policy}}</td><td>{{cycle}}</td><td>{{team}}</td>
        <td>{{#escalatedTo}}{{escalatedTo}}{{/escalatedTo}}{{^escalatedTo}}—{{/escalatedTo}}</td>
        <td><span class="flag breached">breached</span> <time datetime="{{breachedAt.iso}}">{{breachedAt.text}}</time></td>
        </tr>
        {{/breaches}}
        </tbody>
        </table>
        </div>
        {{#moreBreaches}}<p class="more">The newest {{limit}} are shown; <code>opsline sla breaches --open</code> lists them all.</p>{{/moreBreaches}}
        {{/hasBreaches}}
        {{^hasBreaches}}<p class="none" data-testid="no-breaches">No open breaches.</p>{{/hasBreaches}}
        </section>

        <section id="overview-at-risk" data-live-region aria-labelledby="at-risk-heading">
        <h2 id="at-risk-heading">At risk within the next working day <span class="count" data-testid="at-risk-count">{{atRiskCount}}</span></h2>
        {{#hasAtRisk}}
        <div class="scroll">
        <table class="clocks" data-testid="at-risk">
        <caption>Running SLA clocks with at most a working day of their calendar left, soonest first</caption>
        <thead><tr><th scope="col">Task</th><th scope="col">Workflow</th><th scope="col">Policy</th>
        <th scope="col">Team</th><th scope="col">Working time left</th><th scope="col">Due</th></tr></thead>
        <tbody>
        {{#atRisk}}
        <tr data-testid="at-risk-clock" data-task="{{task}}" data-policy="{{policy}}">
        <td><a href="{{href}}">{{task}}</a> <span class="title">{{title}}</span></td>
        <td>{{workflow}}</td><td>{{policy}}</td><td>{{team}}</td>
        <td><span class="flag at-risk">at risk</span> {{left}} left</td>
        <td>{{#due}}<time datetime="{{due.iso}}">{{due.text}}</time>{{/due}}{{#dueLocal}} <span class="local">(due {{dueLocal}})</span>{{/dueLocal}}</td>
        </tr>
        {{/atRisk}}
        </tbody>
        </table>
        </div>
        {{#moreAtRisk}}<p class="more">The soonest {{limit}} are shown; <code>opsline sla at-risk --within 3d</code> lists what falls due in the next three days.</p>{{/moreAtRisk}}
        {{/hasAtRisk}}
        {{^hasAtRisk}}<p class="none" data-testid="no-at-risk">Nothing falls due within the next working day.</p>{{/hasAtRisk}}
        </section>

        <section id="overview-compliance" data-live-region aria-labelledby="compliance-heading">
        <h2 id="compliance-heading">SLA compliance, last 7 and 30 days</h2>
        {{#hasCompliance}}
        <div class="compliance">
        <div class="scroll">
        <table data-testid="compliance">
        <caption>Clocks started in the period that were met, of those met or breached</caption>
        <thead><tr><th scope="col">Team</th><th scope="col">Policy</th><th scope="col">7 days</th><th scope="col">30 days</th></tr></thead>
        <tbody>
        {{#compliance}}
        <tr data-testid="compliance-row" data-team="{{team}}" data-policy="{{policy}}">
        <td>{{team}}</td><td>{{policy}}</td>
        {{#d7}}<td data-period="7"><strong>{{compliance}}</strong> <span class="figures">{{met}} met, {{breached}} breached, {{running}} running</span></td>{{/d7}}
        {{#d30}}<td data-period="30"><strong>{{compliance}}</strong> <span class="figures">{{met}} met, {{breached}} breached, {{running}} running</span></td>{{/d30}}
        </tr>
        {{/compliance}}
        </tbody>
        </table>
        </div>
        <figure class="chart">
        <svg xmlns="http://www.w3.org/2000/svg" width="{{chart.width}}" height="{{chart.height}}" viewBox="0 0 {{chart.width}} {{chart.height}}"
          role="img" aria-labelledby="compliance-chart-title compliance-chart-desc" font-size="12" data-testid="compliance-chart"
          font-family="system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif">
        <title id="compliance-chart-title">SLA compliance per team and policy, last 7 and 30 days</title>
        <desc id="compliance-chart-desc">{{chart.summary}}</desc>
        {{#chart.grid}}
        <line x1="{{x}}" y1="16" x2="{{x}}" y2="{{chart.gridBottom}}" stroke="#c3cbd6" stroke-dasharray="3 3"/>
        <text x="{{x}}" y="11" text-anchor="middle" fill="#5b6675">{{text}}</text>
        {{/chart.grid}}
        {{#chart.rows}}
        <text x="{{labelX}}" y="{{labelY}}" text-anchor="end" fill="#1d232b">{{label}}</text>
        {{#bars}}
        {{#hasData}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" fill="{{fill}}"/>{{/hasData}}
        <text x="{{textX}}" y="{{textY}}" fill="#1d232b" font-size="11">{{text}}</text>
        {{/bars}}
        {{/chart.rows}}
        </svg>
        <figcaption>Bars: the share met over the last 7 days (dark, “7 d”) and 30 days (light, “30 d”).</figcaption>
        </figure>
        </div>
        {{/hasCompliance}}
        {{^hasCompliance}}<p class="none" data-testid="no-compliance">No SLA clocks started in the last 30 days.</p>{{/hasCompliance}}
        </section>

        <section id="overview-bottlenecks" data-live-region aria-labelledby="bottlenecks-heading">
        <h2 id="bottlenecks-heading">Where tasks waited longest, last 7 days</h2>
        {{#hasBottlenecks}}
        <div class="bottlenecks">
        {{#bottlenecks}}
        <div class="scroll">
        <table data-testid="bottleneck" data-workflow="{{workflow}}">
        <caption><a href="/ui/workflows/{{workflow}}">{{title}}</a> <span class="name">({{workflow}})</span></caption>
        <thead><tr><th scope="col">State</th><th scope="col">Tasks</th><th scope="col">Average</th><th scope="col">90th percentile</th><th scope="col">In all</th></tr></thead>
        <tbody>
        {{#states}}
        <tr><td>{{state}}</td><td>{{tasks}}</td><td>{{average}}</td><td>{{p90}}</td><td>{{total}}</td></tr>
        {{/states}}
        </tbody>
        </table>
        </div>
        {{/bottlenecks}}
        </div>
        {{/hasBottlenecks}}
        {{^hasBottlenecks}}<p class="none">No task has spent time in a state these 7 days.</p>{{/hasBottlenecks}}
        <p class="more">All history: <code>opsline report flow WORKFLOW</code>.</p>
        </section>

        <section id="overview-queues" data-live-region aria-labelledby="queues-heading">
        <h2 id="queues-heading">Unassigned queues</h2>
        {{#hasQueues}}
        <table data-testid="queues">
        <caption>Open tasks nobody is assigned to</caption>
        <thead><tr><th scope="col">Workflow</th><th scope="col">Team</th><th scope="col">Unassigned</th></tr></thead>
        <tbody>
        {{#queues}}
        <tr data-testid="queue" data-workflow="{{workflow}}" data-team="{{team}}"><td>{{workflow}}</td><td>{{team}}</td>
        <td><a href="{{href}}">{{count}} unassigned</a></td></tr>
        {{/queues}}
        </tbody>
        </table>
        {{/hasQueues}}
        {{^hasQueues}}<p class="none" data-testid="no-queues">Every open task has someone on it.</p>{{/hasQueues}}
        </section>
        </div>
        {{/main}}
        {{/layout}}

        """
}
