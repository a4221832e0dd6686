/** Members of a working group: their routes, and the name lookup other features use to name people. */
export { memberRoutes, type MemberRouteDeps } from './routes.js';
export { peopleByIds, person, type People, type PeopleLookup } from './people.js';
export { presentMember } from './presenters.js';
