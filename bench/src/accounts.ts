/** The national ADMIN that `npm run seed:national` creates with its dataset, and the harness logs in as. */
export const NATIONAL_ACCOUNT = { email: 'national@bench.example', password: 'bench-password' };
