/** The case page lives in ../case/; this name stays for the router. */
export { CasePage } from '../case/case-page';
