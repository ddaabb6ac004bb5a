"""Migration operations that only touch a PostgreSQL database.

The indexes made for the large data set (trigram search, covering and partial indexes) use features SQLite
lacks (GIN, INCLUDE). They are not declared in the models' Meta, so the migration state, makemigrations and
SQLite (development, tests) never see them; on PostgreSQL the wrapped operations run, forwards and backwards.
"""

from django.db.migrations.operations.base import Operation


class SurPostgreSQLSeulement(Operation):
    reversible = True

    def __init__(self, *operations):
        self.operations = operations

    def deconstruct(self):
        return (f"{__name__}.{self.__class__.__name__}", self.operations, {})

    def state_forwards(self, app_label, state):
        pass  # database objects outside the model state (see the module docstring)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for operation in self.operations:
            operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for operation in reversed(self.operations):
            operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "Sur PostgreSQL seulement : " + " ; ".join(operation.describe() for operation in self.operations)
