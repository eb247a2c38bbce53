// Material's head script (material/templates/partials/javascripts/base.html), moved to a file so that the
// site's Content-Security-Policy allows no inline script; the scope is the tag's data-scope. Kept equal to
// Material's by tests/test_csp.py.
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
