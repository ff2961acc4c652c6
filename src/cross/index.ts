/**
 * Checking an archive as a whole: each report's identity and addressable facts (record.ts), series per organisation
 * (series.ts) and the relations between the reports of a series (check.ts). See README "Archive checks".
 */
export { identify, normaliseOrganisation, type ReportIdentity, type IdentityResult, type EntityScope } from "./identity.js";
export { crossRecord, type CrossRecord, type CrossFact, type CrossStatement, type CrossNumber } from "./record.js";
export { groupSeries, type Series, type Unplaced } from "./series.js";
export { crossCheck, CROSS_RULES, type CrossDocumentResult, type CrossFinding, type CrossCitedValue, type CrossSeriesSummary } from "./check.js";
