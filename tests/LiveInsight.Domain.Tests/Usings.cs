global using System.Text;
global using LiveInsight.Domain.Events;
global using LiveInsight.Domain.Ids;
global using LiveInsight.Domain.Sessions;
global using LiveInsight.Domain.Storage;
global using Moq;
