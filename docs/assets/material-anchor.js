// Material's script after the content (material/templates/partials/javascripts/content.html), moved to a
// file so that the site's Content-Security-Policy allows no inline script. Kept equal to Material's by
// tests/test_csp.py.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
