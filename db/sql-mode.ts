/** The SQL mode of every connection, the app's and the migrations': strict, so an over-long value is an error. */
export const SQL_MODE =
  'STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
