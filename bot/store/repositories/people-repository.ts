import { sql } from 'kysely';
import type { Person } from '../../../shared/domain';
import { TableRepository } from './entity-repository';

export class SqlPeopleRepository extends TableRepository<Person> {
  async findByEmail(email: string): Promise<Person | null> {
    const row = await this.base().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
    return row ? this.map(row) : null;
  }

  async findByAadObjectId(aadObjectId: string): Promise<Person | null> {
    const row = await this.base().where('aad_object_id', '=', aadObjectId).executeTakeFirst();
    return row ? this.map(row) : null;
  }

  async listAll(): Promise<Person[]> {
    const rows = await this.base().where('erased_at', 'is', null).orderBy('name').orderBy('id').execute();
    return rows.map((r: Record<string, unknown>) => this.map(r));
  }
}
