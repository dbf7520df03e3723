/* schema.h — the migrations compiled in from schema/NNN_*.sql. */
#ifndef SHOWROOM_SCHEMA_H
#define SHOWROOM_SCHEMA_H

struct sr_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct sr_migration sr_migrations[];
extern const int sr_migration_count;

#endif
