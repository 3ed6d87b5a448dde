extension Templates {
    static let logs = """
        {{#filters}}<form method="get" action="/ui/logs" class="filters" role="search">
        <label>Key <input name="api_key" value="{{apiKey}}" placeholder="sk-… or hash"></label><label>Team <input name="team_id" value="{{teamID}}"></label>
        <label>User <input name="user_id" value="{{userID}}"></label><label>Model <input name="model" value="{{model}}"></label>
        <label>Status <select name="status"><option value="">any</option><option{{#success}} selected{{/success}}>success</option>
        <option{{#failure}} selected{{/failure}}>failure</option></select></label>
        <label>From <input name="start_date" value="{{startDate}}" placeholder="2026-12-01"></label><label>Until <input name="end_date" value="{{endDate}}"></label>
        <button type="submit" class="quiet">Filter</button></form>{{/filters}}
        {{#empty}}<p class="muted">No requests match.</p>{{/empty}}
        {{^empty}}<table id="logs"><tr><th>Time (UTC)</th><th>Model</th><th>Key</th><th>Team</th><th>User</th><th class="num">Tokens in/out</th>
        <th class="num">Cost</th><th class="num">Latency</th><th>Status</th></tr>
        {{#rows}}<tr><td><a href="/ui/logs/detail?request_id={{requestID}}">{{time}}</a></td><td>{{model}}</td><td class="mono">{{key}}</td><td>{{team}}</td>
        <td>{{user}}</td><td class="num">{{tokens}}</td><td class="num">{{spend}}</td><td class="num">{{latency}}</td>
        <td><span class="tag{{#failed}} bad{{/failed}}{{^failed}} ok{{/failed}}">{{status}}</span></td></tr>{{/rows}}</table>{{/empty}}
        {{#pager}}{{> pager}}{{/pager}}
        """

    static let logDetail = """
        <table id="request"><tbody>{{#fields}}<tr><th>{{name}}</th><td>{{value}}</td></tr>{{/fields}}</tbody></table>
        {{#error}}<p class="error">{{error}}</p>{{/error}}
        <h2>Decision trace</h2>
        {{#hasTrace}}<table id="trace"><tr><th>Hook</th><th>Plugin</th><th>Decision</th><th>Reason</th><th class="num">Time</th></tr>
        {{#hooks}}<tr><td>{{point}}</td><td>{{plugin}}</td><td>{{decision}}</td><td>{{reason}}</td><td class="num">{{milliseconds}}</td></tr>{{/hooks}}</table>
        <h2>Upstream attempts</h2>
        <table id="attempts"><tr><th>Attempt</th><th>Deployment</th><th>Status</th><th class="num">Time</th><th>Error</th></tr>
        {{#attempts}}<tr><td>{{number}}</td><td class="mono">{{deployment}}</td><td>{{status}}</td><td class="num">{{milliseconds}}</td><td>{{error}}</td></tr>{{/attempts}}</table>{{/hasTrace}}
        {{^hasTrace}}<p class="muted">This row was logged without a decision trace.</p>{{/hasTrace}}
        <p><a href="/ui/logs">Back to the logs</a></p>
        """
}
