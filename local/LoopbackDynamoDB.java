import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts Amazon DynamoDB Local bound to one address (loopback by default) instead of every
 * interface: DynamoDB Local accepts any credentials, so it must not be reachable from the LAN.
 * Run by local/dynamodb-local.ts in Java's source-file mode with DynamoDBLocal.jar on the class path;
 * the arguments are DynamoDB Local's own (-port, -dbPath, -inMemory, -sharedDb ...).
 */
public class LoopbackDynamoDB {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("jingrong.dynamodb.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector sc) sc.setHost(host);
    }
    proxy.start();
  }
}
