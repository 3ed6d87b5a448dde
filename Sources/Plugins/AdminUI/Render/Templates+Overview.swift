extension Templates {
    static let overview = """
        {{#ownKeyOnly}}<p class="hint">Spend of the key you logged in with.</p>{{/ownKeyOnly}}
        <section class="stats" id="periods">{{#periods}}<div class="stat"><span>{{label}}</span><b>{{spend}}</b><span>{{requests}} requests</span></div>{{/periods}}
        <div class="stat"><span>Errors, last 30 days</span><b id="errors">{{errors}}</b><span>of the latest {{sampled}} requests</span></div></section>
        <div class="grid">
        <section class="card"><h2>Top models</h2>{{{modelChart}}}</section>
        <section class="card"><h2>Top teams</h2>{{{teamChart}}}</section>
        <section class="card"><h2>Top keys</h2>{{{keyChart}}}</section>
        <section class="card"><h2>Errors by model</h2>{{{errorChart}}}</section>
        </div>
        <h2>Budgets near their limit</h2>
        {{#hasNearLimit}}<table id="near-limit"><tr><th>Kind</th><th>Name</th><th class="num">Spend</th><th class="num">Limit</th><th class="num">Used</th></tr>
        {{#nearLimit}}<tr><td>{{kind}}</td><td>{{name}}</td><td class="num">{{spend}}</td><td class="num">{{limit}}</td>
        <td class="num"><span class="tag{{#over}} bad{{/over}}">{{percent}} %</span></td></tr>{{/nearLimit}}</table>{{/hasNearLimit}}
        {{^hasNearLimit}}<p class="muted">No team or key is above 80 % of its budget.</p>{{/hasNearLimit}}
        """
}
