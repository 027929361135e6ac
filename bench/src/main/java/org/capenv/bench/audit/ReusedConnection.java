package org.capenv.bench.audit;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A one-connection "pool" for latency measurements: close() only resets auto-commit, as a pooled
 * connection's would, so each call does not pay for a new backend process.
 */
final class ReusedConnection implements DataSource {
  private final Connection proxy;

  ReusedConnection(DataSource ds) throws SQLException {
    Connection real = ds.getConnection();
    proxy =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, method, args) -> {
                  if (method.getName().equals("close")) {
                    if (!real.getAutoCommit()) {
                      real.rollback();
                      real.setAutoCommit(true);
                    }
                    return null;
                  }
                  return method.invoke(real, args);
                });
  }

  @Override
  public Connection getConnection() {
    return proxy;
  }

  @Override
  public Connection getConnection(String user, String password) {
    return proxy;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
