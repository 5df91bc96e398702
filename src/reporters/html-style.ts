import { CLAIMS_CSS } from './claims.js';

/** The report's stylesheet (allowed by hash in the page's CSP; the page has no style attributes). */
export const REPORT_CSS = `
:root{--ink:#1d2330;--muted:#5b6372;--line:#e3e7ed;--bg:#f6f7f9;--card:#fff;--ok:#1f8a4c;--ok-bg:#dff5e3;--bad:#c0362c;--bad-bg:#fde2e1;--warn-bg:#ffe9c7;--un-bg:#e6e9ee;--accent:#3563c9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:22px}h2{margin:0 0 10px;font-size:16px}h3{margin:0 0 6px;font-size:13px;font-weight:600}
h4{margin:10px 0 4px;font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.meta,.note{color:var(--muted);font-size:13px}.note{margin:6px 0 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px;margin-top:16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin-top:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .k{color:var(--muted);font-size:12px}.card .v{font-size:18px;font-weight:600}.card .ci{color:var(--muted);font-size:12px}
.card.lead{grid-column:span 2}.card.lead .v{font-size:26px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:16px}
.chart{position:relative;height:200px}.chart.tall{height:auto;min-height:120px}
.figure{border:1px solid var(--line);border-radius:6px;padding:10px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
pre{white-space:pre-wrap;word-break:break-word;background:#f3f5f8;padding:8px;border-radius:4px;max-height:320px;overflow:auto;margin:0}
.st{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;white-space:nowrap}
.st-passed,.st-finished,.v-better{background:var(--ok-bg)}.st-failed,.v-worse{background:var(--bad-bg)}
.st-errored,.st-interrupted,.small{background:var(--warn-bg)}tr.disagree th{font-weight:700}tr.disagree{outline:2px solid var(--warn-bg)}.st-unscored,.st-running,.v-same{background:var(--un-bg)}
.st-regression{background:var(--bad-bg)}.st-fix{background:var(--ok-bg)}.st-other{background:var(--un-bg)}
.card.v-worse{border-color:var(--bad)}.card.v-better{border-color:var(--ok)}
.forests{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:16px;margin-bottom:8px}
.small{font-size:11px;padding:0 5px;border-radius:4px;margin-left:4px}
.sc{display:inline-block;margin:1px;padding:0 5px;border-radius:4px;font-size:12px}
.sc.ok{background:var(--ok-bg)}.sc.bad{background:var(--bad-bg)}.sc.un{background:var(--un-bg)}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px}
.filters input[type=search]{min-width:260px;padding:5px 8px;border:1px solid #c9ced6;border-radius:6px;font:inherit}
.filters select{padding:4px 6px;border:1px solid #c9ced6;border-radius:6px;font:inherit;background:#fff}
#cases tr.case{cursor:pointer}#cases tr.case:hover{background:#f3f6fb}
#cases tr.detail>td{background:#fbfcfd;padding:8px 12px 14px}
#cases td.out{max-width:420px;color:#333}
button{font:inherit;padding:5px 12px;border:1px solid #c9ced6;border-radius:6px;background:#fff;cursor:pointer}
.errors li{margin:2px 0}
` + CLAIMS_CSS;
