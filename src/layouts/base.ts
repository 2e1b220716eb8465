/**
 * The one script every page loads: the glue of the components a chapter page
 * shows (site header, progress meter, checklist, code copy, the walkthrough
 * loader) and the service worker's registration. One module script instead
 * of one per component, so a chapter makes one request for its JavaScript
 * (the build keeps what other pages' scripts share with it in this file too;
 * see astro.config.mjs). Each component module only defines its custom
 * element, so on a page without that element it does nothing. What is heavy
 * stays lazy: the search dialog, a walkthrough's step code with its editor,
 * and Python load on first need from inside these modules.
 */
import '../components/search';
import '../components/language-switch';
import '../components/theme-select';
import '../components/progress-meter';
import '../components/checklist';
import '../components/code-copy';
import '../components/step-loader';
import '../offline/register';
