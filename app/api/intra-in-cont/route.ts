// The old backend's second name for sign-up; same handler.
export { GET, POST, PUT, PATCH, DELETE } from '../creare-cont/route';
